#pragma once

#include "src/config/Profile.h"

#include <QByteArray>

namespace golive {

// Writes a Profile as the JSON a team keeps in its repo, pretty-printed with the sections in a
// reading order (not alphabetical) and every field present, so the file documents itself.
// ProfileLoader::fromJson(ProfileWriter::toJson(p)) gives p back.
class ProfileWriter {
public:
    static QByteArray toJson(const Profile &profile);
};

} // namespace golive
