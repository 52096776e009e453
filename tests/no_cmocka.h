/* no_cmocka.h - included in place of nothing by every unit test when
 * ./configure did not find cmocka: the build stops here saying why. */
#error "make check needs cmocka: install the Debian package libcmocka-dev, then run ./configure again"
