#include "src/secrets/Redactor.h"

#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

using golive::Redactor;

namespace {

// Each test registers its own secrets and forgets them, since the registry is process-wide.
class RegisteredSecret {
public:
    explicit RegisteredSecret(QString secret) : m_secret(std::move(secret))
    {
        Redactor::registerSecret(m_secret);
    }
    ~RegisteredSecret() { Redactor::forgetSecret(m_secret); }
    const QString &value() const { return m_secret; }

private:
    QString m_secret;
};

} // namespace

TEST(Redactor, MasksEveryOccurrenceOfARegisteredSecret)
{
    RegisteredSecret key(QStringLiteral("k3y-0123456789abcdef"));
    const QString line =
        QStringLiteral("sent k3y-0123456789abcdef, retried with k3y-0123456789abcdef");
    EXPECT_EQ(Redactor::redact(line), QStringLiteral("sent [redacted], retried with [redacted]"));
}

TEST(Redactor, LeavesTextWithoutSecretsAlone)
{
    const QString line =
        QStringLiteral("probe chat finished in 412 ms with HTTP 200, max_tokens 20");
    EXPECT_EQ(Redactor::redact(line), line);
}

TEST(Redactor, StopsMaskingASecretOnceForgotten)
{
    const QString secret = QStringLiteral("rotated-away-0123456789");
    {
        RegisteredSecret key(secret);
        EXPECT_FALSE(Redactor::redact(secret).contains(secret));
    }
    EXPECT_EQ(Redactor::redact(secret), secret);
}

TEST(Redactor, KeepsMaskingWhileAnotherOwnerStillHoldsTheSecret)
{
    const QString secret = QStringLiteral("shared-by-two-profiles-42");
    RegisteredSecret first(secret);
    {
        RegisteredSecret second(secret);
    }
    EXPECT_EQ(Redactor::redact(secret), QStringLiteral("[redacted]"));
}

TEST(Redactor, MasksTheLongerSecretWhole_WhenOneSecretContainsAnother)
{
    RegisteredSecret shortOne(QStringLiteral("abcdefgh"));
    RegisteredSecret longOne(QStringLiteral("abcdefgh-and-more-0123"));
    EXPECT_EQ(Redactor::redact(QStringLiteral("x abcdefgh-and-more-0123 y")),
              QStringLiteral("x [redacted] y"));
}

TEST(Redactor, IgnoresAnEmptySecret)
{
    Redactor::registerSecret(QString());
    EXPECT_EQ(Redactor::redact(QStringLiteral("nothing to hide")),
              QStringLiteral("nothing to hide"));
    EXPECT_FALSE(Redactor::isRegistered(QString()));
}

TEST(Redactor, MasksAnAuthorizationHeaderItNeverHeardOf)
{
    EXPECT_EQ(Redactor::redact(QStringLiteral("> Authorization: Bearer unregistered-token-123")),
              QStringLiteral("> Authorization: Bearer [redacted]"));
    EXPECT_EQ(Redactor::redact(QStringLiteral("authorization: Basic dXNlcjpwYXNz")),
              QStringLiteral("authorization: Basic [redacted]"));
    EXPECT_EQ(Redactor::redact(QStringLiteral("{\"Authorization\": \"raw-value\"}")),
              QStringLiteral("{\"Authorization\": \"[redacted]\"}"));
}

TEST(Redactor, MasksABareBearerToken)
{
    EXPECT_EQ(Redactor::redact(QStringLiteral("using bearer abc.def-ghi_123 now")),
              QStringLiteral("using bearer [redacted] now"));
}

TEST(Redactor, MasksApiKeyAndTokenValuesInJson)
{
    EXPECT_EQ(Redactor::redact(QStringLiteral(R"({"api_key": "abc123", "model": "command-r"})")),
              QStringLiteral(R"({"api_key": "[redacted]", "model": "command-r"})"));
    EXPECT_EQ(Redactor::redact(QStringLiteral(R"({"token":"t0k3n","n":1})")),
              QStringLiteral(R"({"token":"[redacted]","n":1})"));
}

TEST(Redactor, MasksJsonQuotedInsideAnotherString)
{
    EXPECT_EQ(Redactor::redact(QStringLiteral(R"(body="{\"api_key\": \"abc123\"}")")),
              QStringLiteral(R"(body="{\"api_key\": \"[redacted]\"}")"));
}

TEST(Redactor, LeavesTokenCountsInCohereBodiesAlone)
{
    const QString body = QStringLiteral(R"({"max_tokens": 20, "tokens": {"input_tokens": 5}})");
    EXPECT_EQ(Redactor::redact(body), body);
}

TEST(Redactor, MasksTheEnvironmentAssignment)
{
    EXPECT_EQ(Redactor::redact(QStringLiteral("env: CO_API_KEY=abc123 HOME=/root")),
              QStringLiteral("env: CO_API_KEY=[redacted] HOME=/root"));
    EXPECT_EQ(Redactor::redact(QStringLiteral("export CO_API_KEY=\"abc123\"")),
              QStringLiteral("export CO_API_KEY=\"[redacted]\""));
}

TEST(Redactor, CanBeUsedFromManyThreadsWhileSecretsComeAndGo)
{
    RegisteredSecret stable(QStringLiteral("stable-secret-0123456789"));
    std::atomic<int> leaks{0};
    std::vector<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads.push_back(QThread::create([t, &leaks] {
            const QString own = QStringLiteral("thread-secret-%1-0123456789").arg(t);
            for (int i = 0; i < 500; ++i) {
                Redactor::registerSecret(own);
                const QString out =
                    Redactor::redact(QStringLiteral("a stable-secret-0123456789 b ") + own);
                if (out.contains(QLatin1String("stable-secret")) || out.contains(own))
                    ++leaks;
                Redactor::forgetSecret(own);
            }
        }));
        threads.back()->start();
    }
    for (QThread *thread : threads) {
        EXPECT_TRUE(thread->wait(30000));
        delete thread;
    }
    EXPECT_EQ(leaks.load(), 0);
}

TEST(MaskKey, ShowsFourCharactersAtEachEndOfALongKey)
{
    EXPECT_EQ(Redactor::maskKey(QStringLiteral("abcd0123456789012345678901234567890wxyz")),
              QStringLiteral("abcd\u2026wxyz"));
}

TEST(MaskKey, ShowsFewerCharactersSoThatAtLeastHalfOfAShortKeyStaysHidden)
{
    EXPECT_EQ(Redactor::maskKey(QStringLiteral("abc456789")), QStringLiteral("ab\u202689"));
    EXPECT_EQ(Redactor::maskKey(QStringLiteral("abc4567890xy")), QStringLiteral("abc\u20260xy"));
    EXPECT_EQ(Redactor::maskKey(QStringLiteral("abcd56789012wxyz")),
              QStringLiteral("abcd\u2026wxyz"));
}

TEST(MaskKey, ShowsOnlyTheLengthOfAKeyOfEightCharactersOrLess)
{
    EXPECT_EQ(Redactor::maskKey(QStringLiteral("abcdefgh")), QStringLiteral("(8 characters)"));
    EXPECT_EQ(Redactor::maskKey(QStringLiteral("abc")), QStringLiteral("(3 characters)"));
}

TEST(MaskKey, SaysSoWhenThereIsNoKey)
{
    EXPECT_EQ(Redactor::maskKey(QString()), QStringLiteral("(no key)"));
}
