#include "src/config/ProfileValidation.h"
#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

TEST(ProfileValidation, KubernetesNamesAreDns1123Labels)
{
    for (const char *good : {"app", "web-api", "a", "0", "shop-2", "x1-y2-z3"})
        EXPECT_FALSE(validation::kubernetesName(QString::fromLatin1(good))) << good;
    for (const char *bad : {"", "App", "web_api", "-app", "app-", "web.api", "a b", "ümlaut"})
        EXPECT_TRUE(validation::kubernetesName(QString::fromUtf8(bad))) << bad;
    EXPECT_FALSE(validation::kubernetesName(QString(63, QLatin1Char('a'))));
    EXPECT_TRUE(validation::kubernetesName(QString(64, QLatin1Char('a'))));
}

TEST(ProfileValidation, ContextsAllowKubeconfigPunctuationButNoWhitespaceOrControl)
{
    for (const char *good : {"prod", "admin@prod", "gke_my-project_europe-west1_prod",
                             "arn:aws:eks:eu-west-1:123456789012:cluster/prod", "kind-kind"})
        EXPECT_FALSE(validation::kubeContext(QString::fromLatin1(good))) << good;
    for (const QString &bad :
         {QStringLiteral("prod cluster"), QStringLiteral("prod\n"), QStringLiteral("pro\u0007d"),
          QStringLiteral("-prod"), QStringLiteral("prod\u00a0")})
        EXPECT_TRUE(validation::kubeContext(bad)) << bad.toStdString();
}

TEST(ProfileValidation, ProbeTextMayBreakLinesButNotCarryControlCharacters)
{
    EXPECT_FALSE(validation::probeText(QStringLiteral("two\nlines"), 100));
    EXPECT_TRUE(validation::probeText(QStringLiteral("bell\u0007"), 100));
    EXPECT_TRUE(validation::probeText(QString(101, QLatin1Char('x')), 100));
    EXPECT_FALSE(validation::probeText(QString(100, QLatin1Char('x')), 100));
}
