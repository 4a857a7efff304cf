#include "OsUserName.h"

#include <pwd.h>
#include <unistd.h>

namespace golive::app {

QString osUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("LOGNAME");
    if (name.isEmpty()) {
        // Services and containers often run without USER; the account database still knows.
        if (const passwd *account = ::getpwuid(::getuid()))
            name = QString::fromLocal8Bit(account->pw_name);
    }
    return name.isEmpty() ? QStringLiteral("unknown") : name;
}

} // namespace golive::app
