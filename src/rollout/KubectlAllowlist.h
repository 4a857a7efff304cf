#pragma once

#include "src/common/Error.h"

#include <QStringList>

namespace golive {

// The kubectl commands and flags a runbook may use, each known as read-only or mutating. Anything
// else is refused when the runbook is loaded: a denylist always misses the next dangerous flag
// (`-A`, `--as-uid`, `--insecure-skip-tls-verify`, `config use-context`, `debug`...), an
// allowlist only lets through what golive has looked at.
class KubectlAllowlist {
public:
    struct Command {
        QString name;         // "get", "rollout undo"
        bool mutates = false; // changes the cluster
    };

    // The command `args` run (placeholders still in them), or why it is not allowed: an unknown
    // command, or a flag this command does not take here. Messages name the offending argument.
    static Result<Command> check(const QStringList &args);

    // For the README and messages: the commands golive knows, "get (read-only), ...".
    static QStringList knownCommands();
};

} // namespace golive
