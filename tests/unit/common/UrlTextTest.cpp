#include "src/common/UrlText.h"

#include <gtest/gtest.h>

using namespace golive;

TEST(UrlText, APasswordInAUrlIsMaskedWhereverItIsShown)
{
    EXPECT_EQ(displayUrlText(QStringLiteral("ftp://user:SECRET@host/")),
              QStringLiteral("ftp://user:***@host/"));
    // A parsed URL loses its password altogether (QUrl's display form drops it).
    EXPECT_EQ(displayUrl(QUrl(QStringLiteral("https://user:p%40ss@api.example.com:8443/v2?x=1"))),
              QStringLiteral("https://user@api.example.com:8443/v2?x=1"));
    EXPECT_EQ(displayUrlText(QStringLiteral("http://a:b@c@host/path")),
              QStringLiteral("http://a:***@host/path"));
}

TEST(UrlText, UrlsWithoutAPasswordAreShownAsTheyAre)
{
    EXPECT_EQ(displayUrl(QUrl(QStringLiteral("https://api.cohere.com/v2/chat"))),
              QStringLiteral("https://api.cohere.com/v2/chat"));
    EXPECT_EQ(displayUrlText(QStringLiteral("http://127.0.0.1:8080/health?a=b:c@d")),
              QStringLiteral("http://127.0.0.1:8080/health?a=b:c@d"));
    EXPECT_EQ(displayUrlText(QStringLiteral("not a url")), QStringLiteral("not a url"));
}
