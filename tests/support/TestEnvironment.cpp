#include "TestEnvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace golive::test {

void prepareTestEnvironment()
{
    QNetworkProxyFactory::setUseSystemConfiguration(false);
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    QStandardPaths::setTestModeEnabled(true);
    // QSettings (the remembered ticker name, a dismissed panel) go to a folder of this run, never
    // to the user's own settings, and start empty.
    static QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
}

QString builtBinary(const QString &relativePath)
{
    return QDir(QStringLiteral(GOLIVE_TEST_BINARY_DIR)).filePath(relativePath);
}

QString sourcePath(const QString &relativePath)
{
    return QDir(QStringLiteral(GOLIVE_SOURCE_DIR)).filePath(relativePath);
}

} // namespace golive::test
