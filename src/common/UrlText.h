#pragma once

#include <QString>
#include <QUrl>

namespace golive {

// Every URL golive shows (errors, tiles, `golive check`, logs) passes one of these, so a
// password in a URL's userinfo is never echoed back: "ftp://user:SECRET@host/" is shown as
// "ftp://user:***@host/".
QString displayUrl(const QUrl &url);
// The same for URL text that may not even parse (what a profile held).
QString displayUrlText(const QString &text);

} // namespace golive
