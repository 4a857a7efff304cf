#pragma once

#include "src/common/StepRole.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace golive {

// One thing a step does, in order.
struct RunbookAction {
    enum class Kind {
        Kubectl,  // run kubectl with `args` (placeholders expanded, profile flags appended)
        Watch,    // wait `watchMinutes` (the canary window) unless completed early
        Health,   // ask the health check for `healthTarget`; unhealthy fails the step
        Readback, // read the deployment back (revision, images, paused, replicas)
        // Read the deployment's ReplicaSets and choose the rollback target (the asked-for
        // revision, or the version that served before the current rollout); refuses the step,
        // before anything changed, when that version no longer exists.
        SelectRollbackTarget,
        // Put the target's pod template back into the deployment, only while it is paused.
        RestoreTemplate,
    };
    Kind kind = Kind::Kubectl;
    QStringList args;        // Kubectl: argument templates, e.g. "deployment/${deployment}"
    double watchMinutes = 0; // Watch
    QString healthTarget;    // Health: "production", "staging" or "status-page"
    bool operator==(const RunbookAction &) const = default;
};

// What the deployment must look like after a mutating step, checked against the readback.
struct StepExpectation {
    enum class Change { None, Revision, Image, RevisionOrImage };
    std::optional<bool> paused;   // spec.paused must equal this
    Change change = Change::None; // must differ from the readback taken before the step
    // A canary must exist afterwards: some pods on the new ReplicaSet, and not all of them.
    bool canary = false;
    // The deployment's pod template must be the rollback target's.
    bool restored = false;
    bool isEmpty() const
    {
        return !paused.has_value() && change == Change::None && !canary && !restored;
    }
    bool operator==(const StepExpectation &) const = default;
};

struct RunbookStep {
    QString id;    // stable, e.g. "deploy-canary"; the release record refers to it
    QString title; // for people
    QString role;  // one of steprole, or empty
    bool mutates = false;
    QString gate;              // checklist gate that must be closed; empty = ungated
    QStringList preconditions; // names checked before the first action, e.g. "staging-health"
    QString confirm;           // what the confirmation dialog asks (required when mutating)
    int timeoutSeconds = 0;    // bounds each kubectl run and check; 0 = the profile's default
    QList<RunbookAction> actions;
    StepExpectation expect;
    bool operator==(const RunbookStep &) const = default;
};

// The rollout as data: named steps run one at a time.
struct Runbook {
    QString name;
    QList<RunbookStep> steps;

    const RunbookStep *step(const QString &id) const;
    const RunbookStep *stepWithRole(const QString &role) const;
    QString idOfRole(const QString &role) const; // empty when no step has that role
    QStringList stepIds() const;
};

} // namespace golive
