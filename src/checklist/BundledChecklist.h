#pragma once

#include <QByteArray>
#include <QString>

namespace golive {

// The checklist compiled into golive (the seed's Cohere production checklist): the one place that
// knows where it lives, for the first release, the dialogs, the exporter and the gates.
class BundledChecklist {
public:
    // A Qt resource path (":/golive/...").
    static QString path();
    // Its Markdown, verbatim.
    static QByteArray markdown();
};

} // namespace golive
