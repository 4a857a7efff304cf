#include "TestEnvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QStandardPaths>

namespace golive::test {

void prepareTestEnvironment()
{
    QNetworkProxyFactory::setUseSystemConfiguration(false);
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    QStandardPaths::setTestModeEnabled(true);
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
