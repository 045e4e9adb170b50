using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace OneStop.Benchmarks;

/// <summary>
/// `fanout`: the real app (demo data, production settings, simulator still) hosted in this process on a real port, so
/// that this process's memory is the server's; N Chromium pages on the overview; M dossiers received at the counter
/// through the Domain's workflow, as the intake form does (<see cref="LiveFanOut.CounterIntakeAsync"/>).
/// </summary>
public static class FanOutCommand
{
    public static async Task<FanOutResult> RunAsync(int circuits, int changes, TextWriter log)
    {
        var folder = Directory.CreateTempSubdirectory("onestop-fanout-");
        try
        {
            await using var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
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
            log.WriteLine($"App on {address} with the demo data");

            var receive = await LiveFanOut.CounterIntakeAsync(factory.Services);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LiveFanOut.LaunchChromiumAsync(playwright);
            return await LiveFanOut.RunAsync(browser, address, circuits, changes, receive, ServerMemory.OfThisProcess, log, ("director", "demo"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
