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
    const QString root = qEnvironmentVariable("GOLIVE_TEST_BINARY_DIR");
    return QDir(root).filePath(relativePath);
}

QString sourcePath(const QString &relativePath)
{
    const QString root = qEnvironmentVariable("GOLIVE_SOURCE_DIR");
    return QDir(root).filePath(relativePath);
}

} // namespace golive::test
