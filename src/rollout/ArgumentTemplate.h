#pragma once

#include "src/common/Error.h"
#include "src/config/KubectlSettings.h"

#include <QString>
#include <QStringList>

namespace golive {

// What one run of a step adds to the profile's values.
struct StepParameters {
    QString revision; // `${revision}` for a rollback target; empty = kubectl's previous one
    int timeoutSeconds =
        0; // the step's bound (0 = the profile's); `${status_timeout}` derives from it
};

// Turns a runbook's kubectl argument templates into the exact argv kubectl gets.
//
// Placeholders: ${deployment}, ${namespace}, ${context}, ${manifest}, ${status_timeout},
// ${revision}. Each value is checked before use, so a profile value can never smuggle in an option
// or a path nobody meant (see the messages in ArgumentTemplate.cpp). ${revision} is optional: an
// argument that mentions it is left out when no revision was asked for, so
// `--to-revision=${revision}` disappears.
//
// The profile's flags go at the END of every argv: `--context C --namespace N [--kubeconfig K]`.
// kubectl reads global flags anywhere and the last occurrence wins, so ours always win; the runbook
// loader also refuses runbooks that set them (or a bare `--`, after which they would be ignored).
class ArgumentTemplate {
public:
    explicit ArgumentTemplate(KubectlSettings settings, StepParameters parameters = {});

    // The templates expanded, followed by the profile's flags.
    Result<QStringList> argv(const QStringList &templates) const;

    // The profile's flags alone, validated.
    Result<QStringList> profileFlags() const;

    // The validated value of one placeholder (manifest: the resolved absolute path).
    Result<QString> value(const QString &placeholder) const;

    // The placeholders an argument mentions, or an error for `${` without `}` or an unknown name.
    static Result<QStringList> placeholdersIn(const QString &argument);
    static QStringList knownPlaceholders();

    // Value checks, usable on their own (e.g. by the profile editor). `field` names the setting.
    static Status checkKubernetesName(const QString &field, const QString &value);
    static Status checkContext(const QString &value);
    static Result<QString> resolveExistingFile(const QString &field, const QString &value);
    static Status checkRevision(const QString &value);

    // kubectl's own --timeout is the step's bound less this margin, so kubectl's message
    // ("timed out waiting for the condition") usually arrives before our hard stop.
    static constexpr int kStatusTimeoutMarginSeconds = 5;

private:
    KubectlSettings m_settings;
    StepParameters m_parameters;
};

} // namespace golive
