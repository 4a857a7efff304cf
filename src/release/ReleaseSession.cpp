#include "src/release/ReleaseSession.h"
#include "src/common/ErrorKind.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/common/Clock.h"

namespace golive {

ReleaseSession::ReleaseSession(const QString &dataDir, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(dataDir, clock), m_checklist(clock), m_saver(clock)
{
    connect(&m_checklist, &Checklist::itemStateChanged, this, &ReleaseSession::saveState);
    connect(&m_saver, &StateSaver::saveFailed, this, [this](const Error &error) {
        Q_EMIT warningRaised(
            tr("Your last change is kept in memory but could not be saved: %1").arg(error.message));
    });
}

Status ReleaseSession::openNewestOrCreate()
{
    const auto newest = m_store.newestRelease();
    if (newest.ok())
        return open(newest.value().id);
    if (newest.error().kind != errorkind::noReleases)
        return newest.error();
    const auto created = createFirst();
    return created.ok() ? Status() : Status(created.error());
}

Result<ReleaseInfo> ReleaseSession::createFirst()
{
    return create(tr("First release"), BundledChecklist::markdown(), QStringLiteral("bundled"));
}

Status ReleaseSession::open(const QString &releaseId)
{
    m_saver.flush(); // the state file read below may be one still being written
    const auto source = m_store.loadChecklistSource(releaseId);
    if (!source.ok())
        return source.error();
    const auto document = MarkdownChecklistParser::parse(source.value());
    if (!document.ok())
        return Error{document.error().kind, tr("The checklist of release %1 cannot be read: %2")
                                                .arg(releaseId, document.error().message)};
    const auto loaded = m_store.loadState(releaseId);
    if (!loaded.ok())
        return loaded.error();

    const auto release = m_store.openRelease(releaseId);
    if (!release.ok())
        return release.error();
    m_current = release.value().info;
    m_checklist.reset(document.value(), loaded.value().state);
    for (const QString &warning : release.value().warnings)
        Q_EMIT warningRaised(warning);
    for (const QString &warning : loaded.value().warnings)
        Q_EMIT warningRaised(warning);
    for (const QString &warning : document.value().warnings)
        Q_EMIT warningRaised(warning);
    Q_EMIT releaseOpened(*m_current);
    return std::nullopt;
}

Result<ReleaseInfo> ReleaseSession::create(const QString &name, const QByteArray &checklistMarkdown,
                                           const QString &sourceDescription)
{
    // Refuse a checklist that does not parse before anything is written.
    const auto document = MarkdownChecklistParser::parse(checklistMarkdown);
    if (!document.ok())
        return document.error();
    auto created = m_store.createRelease(name, checklistMarkdown, sourceDescription);
    if (!created.ok())
        return created;
    if (const Status failed = open(created.value().id); failed.failed())
        return *failed;
    return created;
}

void ReleaseSession::saveState()
{
    if (!m_current)
        return;
    const auto folder = m_store.releaseFolder(m_current->id);
    if (!folder.ok()) {
        Q_EMIT warningRaised(tr("Your last change is kept in memory but could not be saved: %1")
                                 .arg(folder.error().message));
        return;
    }
    m_saver.save(folder.value(), m_checklist.state());
}

} // namespace golive
