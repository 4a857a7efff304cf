#pragma once

#include "src/metrics/Alert.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace golive {

// Shows a desktop notification when a P1 alert fires, through the tray icon when the desktop
// offers one that can show messages; otherwise it stays silent (the alert list still shows it).
class AlertNotifier : public QObject {
    Q_OBJECT
public:
    explicit AlertNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    // Connect AlertEngine::alertFired here.
    void notifyFired(const golive::Alert &alert);
    bool canNotify() const;

Q_SIGNALS:
    // A notification was handed to the desktop.
    void notified(const golive::Alert &alert);

private:
    QPointer<QSystemTrayIcon> m_tray;
};

} // namespace golive
