#pragma once

#include "src/common/Error.h"
#include "src/config/Profile.h"

#include <QByteArray>
#include <QString>

namespace golive {

// Reads the profile a team keeps in its repo (`golive.json`). Every field is optional and
// defaults to the seed's value; what is present is checked strictly. All problems are collected
// and reported together, one line each, as "<json path>: <what was wrong>", e.g.
//   alerts.rate_limited_per_min: expected a number, found "ten"
// A profile with any problem yields an Error (kind "profile-invalid"), never a half-read Profile.
// `alerts.prices` entries merge over the default price table (one entry changes one model). A
// configured model without a price is allowed: the budget rule reports that it cannot price it.
class ProfileLoader {
public:
    // A profile is a page of settings; anything larger is not one.
    static constexpr qint64 maxFileBytes = 256 * 1024;

    static Result<Profile> fromJson(const QByteArray &json);
    static Result<Profile> fromFile(const QString &path);

    // The complete default profile, pretty-printed: what `golive profile init` prints.
    static QByteArray defaultProfileJson();
};

} // namespace golive
