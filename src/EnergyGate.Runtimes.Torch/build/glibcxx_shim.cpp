// Defines std::ios_base_library_init(), which GCC 13's libstdc++ added and TorchSharp's native
// library references; the patched libLibTorchSharp.so lists this library as NEEDED (see
// patch-libtorchsharp.py). The definition is unversioned, so it satisfies the patched reference on
// every libstdc++ (GCC 13+'s own symbol is GLIBCXX_3.4.32 and does not match it).
// GCC 13's symbol stands for "the standard streams are initialized": an explicit std::ios_base::Init
// does that with GCC 12's libstdc++, and on newer ones merely takes one more reference on streams that
// are already initialized (Init is reference-counted), so loading this is harmless everywhere.
// <ios>, not <iostream>: GCC 13's <iostream> would add its own reference to the GLIBCXX_3.4.32 symbol.
#include <ios>

namespace
{
const std::ios_base::Init energygate_streams_init;
}

namespace std
{
__attribute__((visibility("default"))) void ios_base_library_init() {}
}
