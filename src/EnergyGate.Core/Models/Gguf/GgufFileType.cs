namespace EnergyGate.Core.Models.Gguf;

/// <summary>
/// The value of <c>general.file_type</c> (<c>llama_ftype</c> in llama.h): the type most weights use.
/// Only <see cref="AllF32"/> and <see cref="MostlyF16"/> are written here; the rest name what a user's file says.
/// </summary>
public enum GgufFileType : uint
{
// The names are llama.cpp's own (LLAMA_FTYPE_*), underscores kept so they match its tools.
#pragma warning disable CS1591, CA1707
    AllF32 = 0,
    MostlyF16 = 1,
    MostlyQ4_0 = 2,
    MostlyQ4_1 = 3,
    MostlyQ8_0 = 7,
    MostlyQ5_0 = 8,
    MostlyQ5_1 = 9,
    MostlyQ2_K = 10,
    MostlyQ3_K_S = 11,
    MostlyQ3_K_M = 12,
    MostlyQ3_K_L = 13,
    MostlyQ4_K_S = 14,
    MostlyQ4_K_M = 15,
    MostlyQ5_K_S = 16,
    MostlyQ5_K_M = 17,
    MostlyQ6_K = 18,
    MostlyBF16 = 32,
#pragma warning restore CS1591, CA1707
}
