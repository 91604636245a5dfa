namespace EnergyGate.Core.Suites.Builder;

/// <summary>One source file offered to <see cref="LccBuilder"/>, from a folder or from the built-in corpus.</summary>
/// <param name="RelativePath">Path under the root with <c>/</c> separators; it feeds the record ids, so it must not depend on the machine.</param>
/// <param name="Text">The file's text; CRLF is normalised to LF by the builder.</param>
public sealed record LccSource(string RelativePath, string Text);
