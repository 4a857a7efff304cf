// `golive profile check` finds what `golive run` would otherwise be the first to find: a runbook
// outside the allowlist, a relative or missing kubectl, and never echoes a URL's password.

#include "GoliveProcess.h"
#include "TestEnvironment.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace golive;

namespace {

class ProfileCheckTest : public ::testing::Test {
protected:
    QTemporaryDir folder;

    QString write(const QString &name, const QByteArray &bytes) const
    {
        const QString path = folder.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        return path;
    }

    QString profileWith(const QJsonObject &members) const
    {
        return write(QStringLiteral("golive.json"),
                     QJsonDocument(members).toJson(QJsonDocument::Indented));
    }

    static test::GoliveRun check(const QString &profilePath)
    {
        return test::runGolive({QStringLiteral("profile"), QStringLiteral("check"), profilePath});
    }

    // The bundled runbook with one step's kubectl arguments replaced.
    QString runbookWithStatusRunning(const QJsonArray &arguments) const
    {
        QFile bundled(test::sourcePath(QStringLiteral("resources/runbooks/default.json")));
        EXPECT_TRUE(bundled.open(QIODevice::ReadOnly));
        QJsonObject book = QJsonDocument::fromJson(bundled.readAll()).object();
        QJsonArray steps = book.value(QStringLiteral("steps")).toArray();
        for (int i = 0; i < steps.size(); ++i) {
            QJsonObject step = steps.at(i).toObject();
            if (step.value(QStringLiteral("mutates")).toBool())
                continue;
            step.insert(QStringLiteral("actions"),
                        QJsonArray{QJsonObject{{QStringLiteral("kubectl"), arguments}}});
            steps.replace(i, step);
            break;
        }
        book.insert(QStringLiteral("steps"), steps);
        return write(QStringLiteral("runbook.json"), QJsonDocument(book).toJson());
    }
};

} // namespace

TEST_F(ProfileCheckTest, ARunbookWithAFlagOutsideTheAllowlistIsRefusedWithItsJsonPath)
{
    const QString runbook = runbookWithStatusRunning(
        QJsonArray{QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-A")});
    const test::GoliveRun run = check(profileWith({{QStringLiteral("runbook"), runbook}}));
    EXPECT_EQ(run.exitCode, 2) << run.out.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String("runbook:"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String(".actions[0].kubectl"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String("\"-A\""))) << run.err.toStdString();
}

TEST_F(ProfileCheckTest, ARunbookThatIsNotARegularFileIsRefused)
{
    const test::GoliveRun run =
        check(profileWith({{QStringLiteral("runbook"), QStringLiteral("/dev/zero")}}));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QLatin1String("not a regular file"))) << run.err.toStdString();
}

TEST_F(ProfileCheckTest, ARelativeKubectlPathIsRefusedWithItsKey)
{
    const test::GoliveRun run = check(profileWith(
        {{QStringLiteral("kubectl"), QJsonObject{{QStringLiteral("path"), QStringLiteral("bin/kubectl")}}}}));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QLatin1String("kubectl.path"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String("relative path"))) << run.err.toStdString();
}

TEST_F(ProfileCheckTest, ABareKubectlNameMustBeFoundOnPath)
{
    const test::GoliveRun run = check(profileWith(
        {{QStringLiteral("kubectl"),
          QJsonObject{{QStringLiteral("path"), QStringLiteral("kubectl-that-is-nowhere")}}}}));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QLatin1String("kubectl.path"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String("no program \"kubectl-that-is-nowhere\" on PATH")))
        << run.err.toStdString();
}

TEST_F(ProfileCheckTest, AnAbsoluteKubectlPathThatIsNotThereIsRefusedAtCheckTime)
{
    const test::GoliveRun run = check(profileWith(
        {{QStringLiteral("kubectl"),
          QJsonObject{{QStringLiteral("path"), folder.filePath(QStringLiteral("no-kubectl"))}}}}));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QLatin1String("kubectl.path: kubectl not found")))
        << run.err.toStdString();
}

TEST_F(ProfileCheckTest, AUrlsPasswordIsNeverEchoedBack)
{
    const test::GoliveRun run = check(profileWith(
        {{QStringLiteral("cohere"),
          QJsonObject{{QStringLiteral("base_url"), QStringLiteral("ftp://user:SECRET@host/")}}}}));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_FALSE(run.err.contains(QLatin1String("SECRET"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QLatin1String("ftp://user:***@host/"))) << run.err.toStdString();
}
