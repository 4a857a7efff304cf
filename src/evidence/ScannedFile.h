#pragma once

#include "src/evidence/SdkUsage.h"

#include <QList>
#include <QString>

namespace golive {

// One source file's SDK usage, with where it came from.
struct ScannedFile {
    QString sourceDir; // as the profile names it
    QString file;      // relative to sourceDir
    bool python = false; // names its arguments in snake_case
    SdkUsage usage;
};

// Everything one scan read, for the rules that judge the code as a whole.
struct ScanTotals {
    int filesScanned = 0;
    int clients = 0;
    int calls = 0;
    int chatCalls = 0;  // chat and chat-stream
    int embedCalls = 0;
    bool importsSdk = false;
    bool usesStreaming = false;
    bool catchesSdkErrors = false;
    void add(const SdkUsage &usage);
};

} // namespace golive
