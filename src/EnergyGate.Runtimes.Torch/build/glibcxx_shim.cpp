// Defines std::ios_base_library_init(), which GCC 13's libstdc++ added and TorchSharp's native
// library references; loaded only on systems with an older libstdc++ (see patch-libtorchsharp.py).
// <iostream> of GCC 12 and older declares a static std::ios_base::Init, so loading this library
// initializes the standard streams, which is what the GCC 13 symbol stands for.
#include <iostream>

namespace std
{
__attribute__((visibility("default"))) void ios_base_library_init() {}
}
