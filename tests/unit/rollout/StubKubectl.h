#pragma once

#include "src/config/KubectlSettings.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>
#include <ostream>

// Readable QStrings (and lists of them) in gtest failure messages.
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}

namespace golive::test {

// tests/support/stub-kubectl installed as `kubectl` in a temporary folder that is put first on
// PATH, with its log, script and fake-deployment state in that folder. The environment is
// restored when it goes away.
class StubKubectl {
public:
    StubKubectl();
    ~StubKubectl();
    StubKubectl(const StubKubectl &) = delete;
    StubKubectl &operator=(const StubKubectl &) = delete;

    // Rules for the stub, one per line, fields separated by TAB (see tests/support/stub-kubectl).
    void setScript(const QStringList &rules);
    // The fake deployment's state, e.g. setState("paused", "true").
    void setState(const QString &name, const QString &value);
    QString state(const QString &name) const;
    void setEnv(const char *name, const QByteArray &value);

    // One entry per kubectl call, each the exact argv it got.
    QList<QStringList> calls() const;

    QString kubectlPath() const;
    QString manifestPath() const;
    QString folder() const { return m_dir.path(); }
    // Points at the stub, context "stub-context", namespace "shop", deployment "app".
    KubectlSettings settings() const;

private:
    QTemporaryDir m_dir;
    QList<QPair<QByteArray, std::optional<QByteArray>>> m_savedEnv;
};

} // namespace golive::test
