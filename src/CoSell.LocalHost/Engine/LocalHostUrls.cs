using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CoSell.LocalHost.Engine;

/// <summary>Binds the site's <c>urls</c> (HTTP/1.1, http only) on Kestrel explicitly.</summary>
internal static class LocalHostUrls
{
    public const string Default = "http://localhost:7071";

    public static void Listen(KestrelServerOptions kestrel, string urls)
    {
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address = BindingAddress.Parse(url);
            if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The local host serves plain http only; '{url}' is not supported.");
            }

            Action<ListenOptions> http1 = listen => listen.Protocols = HttpProtocols.Http1;
            if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                if (address.Port == 0)
                {
                    kestrel.Listen(IPAddress.Loopback, 0, http1);
                }
                else
                {
                    kestrel.ListenLocalhost(address.Port, http1);
                }
            }
            else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out IPAddress? ip))
            {
                kestrel.Listen(ip, address.Port, http1);
            }
            else
            {
                kestrel.ListenAnyIP(address.Port, http1);
            }
        }
    }
}
