using System.Collections.Concurrent;

namespace CoSell.Integration.Tests.Secrets;

/// <summary>Keeps every response a test client received: request line, status, headers and the whole body.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
{
    readonly ConcurrentQueue<string> _responses = new();

    public IReadOnlyCollection<string> Responses => _responses;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        _responses.Enqueue($"{request.Method} {request.RequestUri} -> {(int)response.StatusCode}\n{response.Headers}{response.Content.Headers}\n{body}");
        return response;
    }
}
