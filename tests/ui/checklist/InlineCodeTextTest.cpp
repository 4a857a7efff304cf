#include "ui/checklist/InlineCodeText.h"
#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

TEST(InlineCodeText, CodeSpansLoseTheirBackticksAndAreMarkedAsCode)
{
    EXPECT_EQ(splitInlineCode(QStringLiteral("`CO_API_KEY` stored in secret manager")),
              (QList<TextRun>{{QStringLiteral("CO_API_KEY"), true},
                              {QStringLiteral(" stored in secret manager"), false}}));
    EXPECT_EQ(splitInlineCode(QStringLiteral("Using API v2 (`ClientV2`, not `Client`)")),
              (QList<TextRun>{{QStringLiteral("Using API v2 ("), false},
                              {QStringLiteral("ClientV2"), true},
                              {QStringLiteral(", not "), false},
                              {QStringLiteral("Client"), true},
                              {QStringLiteral(")"), false}}));
}

TEST(InlineCodeText, TextWithoutOrWithAnUnmatchedBacktickIsShownAsItIs)
{
    EXPECT_EQ(splitInlineCode(QStringLiteral("Monitoring ready")),
              (QList<TextRun>{{QStringLiteral("Monitoring ready"), false}}));
    EXPECT_EQ(splitInlineCode(QStringLiteral("a ` stray backtick")),
              (QList<TextRun>{{QStringLiteral("a ` stray backtick"), false}}));
}
