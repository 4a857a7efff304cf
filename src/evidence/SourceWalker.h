#pragma once

#include "src/evidence/SyntaxTree.h"

#include <QList>
#include <QMap>
#include <QString>

namespace golive {

// Finds the source files of one source dir worth parsing. Dependencies, virtual environments and
// build output are not the team's integration code: those folders are skipped, as are files over
// MaxFileBytes and binary files; each skip is counted by reason. Symbolic links to folders are
// not followed (a link loop cannot trap the scan).
class SourceWalker {
public:
    static constexpr qint64 MaxFileBytes = 1024 * 1024;

    struct File {
        QString path;     // absolute
        QString relative; // to the source dir, with '/'
        SourceLanguage language = SourceLanguage::TypeScript;
    };
    struct Listing {
        QList<File> files;
        QMap<QString, int> skipped; // reason ("node_modules", "over 1 MiB", ...) -> count
    };

    static Listing list(const QString &root);
    // The language a file name is parsed as; nullopt for anything the scan does not read.
    static std::optional<SourceLanguage> languageOf(const QString &fileName);
    // Whether the first bytes of a file make it binary (a NUL byte), for files read later.
    static bool looksBinary(const QByteArray &head);
};

} // namespace golive
