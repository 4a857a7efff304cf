#include "src/secrets/RedactingMessageHandler.h"
#include "src/secrets/Redactor.h"

#include "SecretsTestSupport.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

using namespace golive;

namespace {
Q_LOGGING_CATEGORY(lcTest, "golive.test.logging")
}

TEST(RedactingMessageHandler, MasksARegisteredSecretInEveryKindOfMessage)
{
    const QString secret = test::freshKey();
    Redactor::registerSecret(secret);
    {
        test::LogCapture capture;
        qDebug() << "careless debug" << secret;
        qInfo("careless info %s", qUtf8Printable(secret));
        qWarning().noquote() << "careless warning" << secret;
        qCCritical(lcTest) << "careless critical" << secret;
        const QStringList lines = capture.lines();
        ASSERT_EQ(lines.size(), 4);
        for (const QString &line : lines) {
            EXPECT_FALSE(line.contains(secret)) << line.toStdString();
            EXPECT_TRUE(line.contains(QLatin1String("[redacted]"))) << line.toStdString();
        }
    }
    Redactor::forgetSecret(secret);
}

TEST(RedactingMessageHandler, MasksCredentialShapesNobodyRegistered)
{
    test::LogCapture capture;
    qWarning() << "request header Authorization: Bearer never-registered-token";
    qWarning() << R"(body {"api_key": "never-registered-key"})";
    EXPECT_FALSE(capture.text().contains(QLatin1String("never-registered")));
}

TEST(RedactingMessageHandler, MasksMessagesFromOtherThreads)
{
    const QString secret = test::freshKey();
    Redactor::registerSecret(secret);
    test::LogCapture capture;
    QThread *thread = QThread::create([secret] { qWarning() << "from a worker" << secret; });
    thread->start();
    ASSERT_TRUE(thread->wait(10000));
    delete thread;
    ASSERT_EQ(capture.lines().size(), 1);
    EXPECT_FALSE(capture.text().contains(secret));
    Redactor::forgetSecret(secret);
}

TEST(RedactingMessageHandler, AppendsRedactedLinesToTheLogFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("golive.log"));
    {
        QFile earlier(path);
        ASSERT_TRUE(earlier.open(QIODevice::WriteOnly));
        earlier.write("an earlier session\n");
    }
    const QString secret = test::freshKey();
    Redactor::registerSecret(secret);
    QStringList sunk;
    EXPECT_TRUE((installRedactingMessageHandler(
                     [&sunk](QtMsgType, const QString &line) { sunk << line; }, path))
                    .ok());
    qWarning() << "key is" << secret;
    uninstallRedactingMessageHandler();
    Redactor::forgetSecret(secret);

    QFile log(path);
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    const QString content = QString::fromUtf8(log.readAll());
    EXPECT_TRUE(content.startsWith(QLatin1String("an earlier session\n")));
    EXPECT_TRUE(content.contains(QLatin1String("key is")));
    EXPECT_FALSE(content.contains(secret));
    EXPECT_EQ(sunk.size(), 1);
}

TEST(RedactingMessageHandler, ReportsALogFileItCannotOpenAndStillHandlesMessages)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing-folder/golive.log"));
    QStringList sunk;
    const Status status = installRedactingMessageHandler(
        [&sunk](QtMsgType, const QString &line) { sunk << line; }, path);
    qWarning() << "still logged";
    uninstallRedactingMessageHandler();
    ASSERT_TRUE(status.failed());
    EXPECT_EQ(status->kind, QStringLiteral("io"));
    EXPECT_TRUE(status->message.contains(path)) << status->message.toStdString();
    EXPECT_EQ(sunk.size(), 1);
}

TEST(RedactingMessageHandler, HandsMessagesBackToThePreviousHandlerWhenUninstalled)
{
    static QStringList previousGot;
    previousGot.clear();
    const QtMessageHandler original =
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &message) {
            previousGot << message;
        });
    {
        test::LogCapture capture;
        qWarning("while installed");
        EXPECT_EQ(capture.lines().size(), 1);
    }
    qWarning("after uninstall");
    qInstallMessageHandler(original);
    EXPECT_EQ(previousGot, QStringList{QStringLiteral("after uninstall")});
}
