#include "StubKubectl.h"

#include "src/common/AtomicFile.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

namespace golive::test {

StubKubectl::StubKubectl()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("bin"));
    const QString target = kubectlPath();
    // Compiled in: the test needs no environment to find its stub.
    const QString source = QStringLiteral(GOLIVE_STUB_KUBECTL);
    if (!QFile::copy(source, target))
        ADD_FAILURE() << "cannot install " << source.toStdString();
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    EXPECT_TRUE(writeFileAtomically(manifestPath(), "kind: Deployment\n").ok());

    setEnv("STUB_KUBECTL_LOG", QDir(m_dir.path()).filePath(QStringLiteral("calls.log")).toUtf8());
    setEnv("STUB_KUBECTL_SCRIPT", QDir(m_dir.path()).filePath(QStringLiteral("script")).toUtf8());
    setEnv("STUB_KUBECTL_STATE", QDir(m_dir.path()).filePath(QStringLiteral("state")).toUtf8());
    setEnv("STUB_KUBECTL_CONTEXTS", "stub-context");
    setEnv("PATH",
           QDir(m_dir.path()).filePath(QStringLiteral("bin")).toUtf8() + ':' + qgetenv("PATH"));
}

StubKubectl::~StubKubectl()
{
    for (auto it = m_savedEnv.crbegin(); it != m_savedEnv.crend(); ++it) {
        if (it->second)
            qputenv(it->first.constData(), *it->second);
        else
            qunsetenv(it->first.constData());
    }
}

void StubKubectl::setEnv(const char *name, const QByteArray &value)
{
    m_savedEnv.append({QByteArray(name), qEnvironmentVariableIsSet(name)
                                             ? std::optional<QByteArray>(qgetenv(name))
                                             : std::nullopt});
    qputenv(name, value);
}

void StubKubectl::setScript(const QStringList &rules)
{
    EXPECT_TRUE(writeFileAtomically(QDir(m_dir.path()).filePath(QStringLiteral("script")),
                                    (rules.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8())
                    .ok());
}

void StubKubectl::setState(const QString &name, const QString &value)
{
    EXPECT_TRUE(writeFileAtomically(QDir(m_dir.path()).filePath(QStringLiteral("state/") + name),
                                    value.toUtf8())
                    .ok());
}

QString StubKubectl::state(const QString &name) const
{
    QFile file(QDir(m_dir.path()).filePath(QStringLiteral("state/") + name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QList<QStringList> StubKubectl::calls() const
{
    QFile file(QDir(m_dir.path()).filePath(QStringLiteral("calls.log")));
    QList<QStringList> out;
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        out << line.split(QLatin1Char('\t'));
    return out;
}

QString StubKubectl::kubectlPath() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("bin/kubectl"));
}

QString StubKubectl::manifestPath() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("k8s/production.yaml"));
}

KubectlSettings StubKubectl::settings() const
{
    KubectlSettings s;
    s.path = kubectlPath();
    s.context = QStringLiteral("stub-context");
    s.namespaceName = QStringLiteral("shop");
    s.deployment = QStringLiteral("app");
    s.manifest = manifestPath();
    s.stepTimeoutSeconds = 20;
    return s;
}

} // namespace golive::test
