#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace golive {

// File > New release: a name and where its checklist comes from (the bundled Cohere checklist or
// a team's own Markdown file). The file is checked before the dialog accepts it.
class NewReleaseDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewReleaseDialog(QWidget *parent = nullptr);

    QString releaseName() const;
    QByteArray checklistMarkdown() const { return m_markdown; }
    QString sourceDescription() const;

    void accept() override;

private:
    void chooseFile();

    QLineEdit *m_name;
    QRadioButton *m_bundled;
    QRadioButton *m_fromFile;
    QLineEdit *m_path;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QByteArray m_markdown;
};

} // namespace golive
