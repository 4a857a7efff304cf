# `cpack -G DEB` in the build folder makes golive_<version>_amd64.deb. Resources (the default
# checklist and runbook) are compiled into the binary, so the package is the binary plus the
# desktop files.
set(CPACK_PACKAGE_NAME golive)
set(CPACK_PACKAGE_VENDOR "The golive team")
set(CPACK_PACKAGE_CONTACT "golive maintainers <golive@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY golive)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # golive_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# CPack puts the summary on the Description line and this below it, one space in.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "A Qt desktop console a release team keeps open while it takes a Cohere API\nintegration to production: checklist, probes, alerts, kubectl rollout, a\ntamper-evident release record and its report.")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://golive.invalid/")
# dpkg-shlibdeps (dpkg-dev) works the library packages out from the binary; the keychain needs a
# Secret Service at run time, which it does not link against.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring")
set(CPACK_GENERATOR DEB)
include(CPack)
