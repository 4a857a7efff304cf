#include "ui/release/NewReleaseDialog.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/MarkdownChecklistParser.h"
#include "src/common/AtomicFile.h"
#include "src/release/ReleaseSession.h"

#include <QDate>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace golive {

NewReleaseDialog::NewReleaseDialog(QWidget *parent)
    : QDialog(parent), m_name(new QLineEdit(this)),
      m_bundled(new QRadioButton(tr("The bundled Cohere production checklist"), this)),
      m_fromFile(new QRadioButton(tr("A team's Markdown checklist:"), this)),
      m_path(new QLineEdit(this)), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New release"));
    m_name->setObjectName(QStringLiteral("releaseName"));
    m_name->setText(tr("Go-live %1").arg(QDate::currentDate().toString(Qt::ISODate)));
    m_bundled->setChecked(true);
    m_path->setObjectName(QStringLiteral("checklistPath"));
    m_path->setEnabled(false);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));

    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setEnabled(false);
    connect(m_fromFile, &QRadioButton::toggled, m_path, &QWidget::setEnabled);
    connect(m_fromFile, &QRadioButton::toggled, browse, &QWidget::setEnabled);
    connect(browse, &QPushButton::clicked, this, &NewReleaseDialog::chooseFile);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Checklist:"), m_bundled);
    form->addRow(QString(), m_fromFile);
    form->addRow(QString(), fileRow);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewReleaseDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewReleaseDialog::reject);
}

QString NewReleaseDialog::releaseName() const
{
    return m_name->text().trimmed();
}

QString NewReleaseDialog::sourceDescription() const
{
    return m_bundled->isChecked() ? QStringLiteral("bundled") : m_path->text();
}

void NewReleaseDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Markdown checklist"),
                                                      QString(), tr("Markdown (*.md *.markdown)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void NewReleaseDialog::accept()
{
    if (releaseName().isEmpty()) {
        m_problem->setText(tr("Give the release a name."));
        return;
    }
    if (m_bundled->isChecked()) {
        m_markdown = BundledChecklist::markdown();
        QDialog::accept();
        return;
    }
    // Parse before accepting, so a bad file is explained here and no release is half-made. The
    // file's own check first: it says how big an oversize checklist is, and what the limit is.
    if (const auto checked = MarkdownChecklistParser::parseFile(m_path->text()); !checked.ok()) {
        m_problem->setText(checked.error().message);
        return;
    }
    const auto bytes = readFileCapped(m_path->text(), MarkdownChecklistParser::kMaxFileBytes);
    if (!bytes.ok()) {
        m_problem->setText(bytes.error().message);
        return;
    }
    const auto parsed = MarkdownChecklistParser::parse(bytes.value());
    if (!parsed.ok()) {
        m_problem->setText(parsed.error().message);
        return;
    }
    m_markdown = bytes.value();
    QDialog::accept();
}

} // namespace golive
