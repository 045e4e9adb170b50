using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Benchmarks;

/// <summary>
/// The real app (demo data, production settings, simulator still) hosted in this process on a real port, so that this
/// process's memory is the server's; its database lives in a temporary folder that goes when the host is disposed.
/// </summary>
public sealed class DemoAppHost : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly WebApplicationFactory<global::Program> _factory;

    public Uri Address { get; }
    public IServiceProvider Services => _factory.Services;

    private DemoAppHost(DirectoryInfo folder, WebApplicationFactory<global::Program> factory, Uri address) =>
        (_folder, _factory, Address) = (folder, factory, address);

    /// <param name="name">Names the temporary folder ("onestop-{name}-…").</param>
    public static DemoAppHost Start(string name)
    {
        var folder = Directory.CreateTempSubdirectory($"onestop-{name}-");
        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Urls", "http://127.0.0.1:0");
            b.UseSetting("ConnectionStrings:OneStop", $"Data Source={Path.Combine(folder.FullName, "onestop.db")}");
            b.UseSetting("OneStop:Demo:Enabled", "true");
            b.UseSetting("OneStop:Demo:Speed", "0");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new DemoAppHost(folder, factory, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _folder.Delete(recursive: true); } catch (IOException) { }
    }
}
