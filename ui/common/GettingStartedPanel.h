#pragma once

#include <QFrame>

class QLabel;

namespace golive {

// What a new user reads first: set the key (Ctrl+K), load the team's profile (and where golive
// looks for it), what each tab is for. Dismissed with its button, back with Help › Getting
// started. It only informs and forwards the key request; whoever owns it remembers the dismissal.
class GettingStartedPanel : public QFrame {
    Q_OBJECT
public:
    explicit GettingStartedPanel(QWidget *parent = nullptr);

    // Where the profile came from: its path, or empty when golive runs on the seed defaults.
    void setProfilePath(const QString &path);
    QString text() const;

Q_SIGNALS:
    void keyRequested();
    void dismissed();

private:
    void refresh();

    QLabel *m_text;
    QString m_profilePath;
};

} // namespace golive
