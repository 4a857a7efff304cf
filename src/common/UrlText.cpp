#include "src/common/UrlText.h"

#include <QRegularExpression>

namespace golive {

QString displayUrl(const QUrl &url)
{
    return displayUrlText(url.toDisplayString());
}

QString displayUrlText(const QString &text)
{
    // scheme://user:password@  (the password runs up to the last '@' before the path)
    static const QRegularExpression password(
        QStringLiteral(R"(^(\s*[A-Za-z][A-Za-z0-9+.\-]*://[^/?#:@]*):[^/?#]*@)"));
    QString shown = text;
    shown.replace(password, QStringLiteral("\\1:***@"));
    return shown;
}

} // namespace golive
