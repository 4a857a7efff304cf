#include "src/release/ReleaseId.h"

#include <gtest/gtest.h>

#include "QStringPrinter.h"

using namespace golive;

TEST(ReleaseId, IsTheUtcMinuteAndASlugOfTheName)
{
    // 15:03 at UTC+1 is 14:03 UTC.
    const QDateTime created(QDate(2026, 11, 24), QTime(15, 3, 59), Qt::OffsetFromUTC, 3600);
    EXPECT_EQ(ReleaseId::make(created, QStringLiteral("Cohere v2 GA!")),
              QStringLiteral("2026-11-24-1403-cohere-v2-ga"));
}

TEST(ReleaseId, SlugKeepsLettersOfAccentedNamesAndFallsBackForOthers)
{
    EXPECT_EQ(ReleaseId::slugify(QStringLiteral("  Café — Überprüfung #2  ")),
              QStringLiteral("cafe-uberprufung-2"));
    EXPECT_EQ(ReleaseId::slugify(QStringLiteral("🚀🚀")), QStringLiteral("release"));
    EXPECT_EQ(ReleaseId::slugify(QStringLiteral("../../etc/passwd")), QStringLiteral("etc-passwd"));
    EXPECT_LE(ReleaseId::slugify(QString(300, QLatin1Char('a'))).size(), 48);
}

TEST(ReleaseId, AcceptsOnlyTheDocumentedShape)
{
    EXPECT_TRUE((ReleaseId::validate(QStringLiteral("2026-11-24-1403-cohere-v2-ga"))).ok());
    EXPECT_TRUE((ReleaseId::validate(QStringLiteral("2026-11-24-1403-cohere-v2-ga-2"))).ok());
    for (const char *bad :
         {"", "..", ".", "../2026-11-24-1403-x", "2026-11-24-1403-x/../../y", "/etc",
          "2026-11-24-1403-x/", "2026-11-24-1403-", "2026-11-24-1403-Upper", "2026-11-24-1403-a--b",
          "2026-11-24-1403-a b", "2026-13-40-2599-x", "2026-11-24-1403-a\\b", "release"}) {
        SCOPED_TRACE(bad);
        const auto error = ReleaseId::validate(QString::fromUtf8(bad));
        ASSERT_TRUE(error.failed());
        EXPECT_EQ(error->kind, QStringLiteral("invalid-release-id"));
    }
}

TEST(ReleaseId, CreationMinuteAndSlugCanBeReadBack)
{
    const QString id = QStringLiteral("2026-11-24-1403-cohere-v2-ga-2");
    EXPECT_EQ(ReleaseId::createdUtc(id), QDateTime(QDate(2026, 11, 24), QTime(14, 3), Qt::UTC));
    EXPECT_EQ(ReleaseId::slug(id), QStringLiteral("cohere-v2-ga-2"));
}
