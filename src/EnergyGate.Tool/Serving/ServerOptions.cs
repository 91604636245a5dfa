using System.Net;

namespace EnergyGate.Tool.Serving;

/// <summary>Where the server listens and how long it drains.</summary>
/// <param name="Address">The address to bind (<c>--host</c>).</param>
/// <param name="Port">The port; 0 picks a free one, reported in <see cref="CompletionServer.BaseUrl"/>.</param>
/// <param name="Drain">How long a shutdown waits for requests in flight before it ends them.</param>
/// <param name="MaxTokensLimit">The cap on <c>max_tokens</c>; null: the model's context.</param>
internal sealed record ServerOptions(IPAddress Address, int Port, TimeSpan Drain, int? MaxTokensLimit);
