#include "src/console/TickerNameMemory.h"

#include "src/checklist/Checklist.h"
#include "src/release/ReleaseSession.h"

#include <QSettings>

namespace golive {

namespace {

QString releaseKey(const QString &releaseId)
{
    return QStringLiteral("ticker/%1").arg(releaseId);
}

const QString kLastKey = QStringLiteral("ticker/last");

} // namespace

TickerNameMemory::TickerNameMemory(ReleaseSession &session, Checklist &checklist,
                                   QSettings &settings, QObject *parent)
    : QObject(parent), m_session(session), m_checklist(checklist), m_settings(settings)
{
    connect(&session, &ReleaseSession::releaseOpened, this, &TickerNameMemory::restore);
    connect(&checklist, &Checklist::tickerNameChanged, this, &TickerNameMemory::remember);
    if (session.current())
        restore(*session.current());
}

void TickerNameMemory::restore(const ReleaseInfo &release)
{
    const QString forRelease = m_settings.value(releaseKey(release.id)).toString().trimmed();
    const QString last = m_settings.value(kLastKey).toString().trimmed();
    m_restoring = true;
    if (!forRelease.isEmpty()) {
        m_checklist.setTickerName(forRelease);
        setOrigin(tr("remembered for this release"));
    } else if (!last.isEmpty()) {
        m_checklist.setTickerName(last);
        setOrigin(tr("last name used on this computer"));
    } else {
        setOrigin(tr("your login name"));
    }
    m_restoring = false;
}

void TickerNameMemory::remember(const QString &name)
{
    if (m_restoring)
        return;
    m_settings.setValue(kLastKey, name);
    if (m_session.current()) {
        m_settings.setValue(releaseKey(m_session.current()->id), name);
        setOrigin(tr("remembered for this release"));
    }
    m_settings.sync();
}

void TickerNameMemory::setOrigin(const QString &origin)
{
    if (origin == m_origin)
        return;
    m_origin = origin;
    Q_EMIT originChanged(origin);
}

} // namespace golive
