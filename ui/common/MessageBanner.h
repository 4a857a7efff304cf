#pragma once

#include <QFrame>

class QLabel;

namespace golive {

// A calm, dismissable strip above the work area for things the user must read but that do not
// stop the work: a state file that was recovered, a save that failed, a keychain that is locked.
class MessageBanner : public QFrame {
    Q_OBJECT
public:
    explicit MessageBanner(QWidget *parent = nullptr);

    void showWarning(const QString &message);
    QString text() const;

private:
    QLabel *m_text;
};

} // namespace golive
