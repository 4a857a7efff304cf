#pragma once

#include <QObject>
#include <QString>

class QSettings;

namespace golive {

class Checklist;
class ReleaseSession;
struct ReleaseInfo;

// Remembers who was ticking, so a restart does not reset *Ticking as* to the OS user: per release
// ("ticker/<release id>"), and the last name used on this computer ("ticker/last") for a release
// nobody has ticked in yet. A name is no secret; QSettings is fine for it.
class TickerNameMemory : public QObject {
    Q_OBJECT
public:
    // All three must outlive the memory. Restores the name for the release open now, if any.
    TickerNameMemory(ReleaseSession &session, Checklist &checklist, QSettings &settings,
                     QObject *parent = nullptr);

    // Where the shown name came from, in words for the window ("remembered for this release").
    QString origin() const { return m_origin; }

Q_SIGNALS:
    void originChanged(const QString &origin);

private:
    void restore(const ReleaseInfo &release);
    void remember(const QString &name);
    void setOrigin(const QString &origin);

    ReleaseSession &m_session;
    Checklist &m_checklist;
    QSettings &m_settings;
    QString m_origin;
    bool m_restoring = false;
};

} // namespace golive
