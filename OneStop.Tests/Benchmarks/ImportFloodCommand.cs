using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Ingestion;

namespace OneStop.Benchmarks;

/// <summary>
/// `import-flood --mb N`: the real app in this process (so its memory is the server's), and N MB of CSV rows that are
/// all bad (two bad cells each) posted to POST /api/v1/import/dossiers, as an attacker with a write key would. Prints the
/// answer's size and the server's memory: resident and managed before, the peak while the request ran (sampled every
/// 5 ms), and after a full collection. The figure the issue gave: 20 MB of bad rows answered 78.8 MB, +230 MB resident.
/// </summary>
public static class ImportFloodCommand
{
    public static async Task<string> RunAsync(int megabytes, TextWriter log)
    {
        var folder = Directory.CreateTempSubdirectory("onestop-flood-");
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
            var key = (await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("flood", ApiScopes.Write, null, "benchmark")).Secret;

            var csv = BadRows(megabytes * 1024 * 1024);
            log.WriteLine($"App on {address}; {csv.Length / 1024.0 / 1024:n1} MB of bad rows");
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);

            Settle();
            var rssBefore = Rss();
            var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
            long rssPeak = rssBefore, managedPeak = managedBefore;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    rssPeak = Math.Max(rssPeak, Rss());
                    managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
                    await Task.Delay(5);
                }
            });
            var watch = Stopwatch.StartNew();
            var content = new ByteArrayContent(csv);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            using var response = await http.PostAsync("/api/v1/import/dossiers", content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            await stop.CancelAsync();
            await sampler;
            Settle();
            var rssAfter = Rss();
            return $"import-flood mb={megabytes} status={(int)response.StatusCode} answer_kb={answer.Length / 1024.0:n1} seconds={watch.Elapsed.TotalSeconds:n1} " +
                   $"rss_before_mb={Mb(rssBefore)} rss_peak_mb={Mb(rssPeak)} rss_after_mb={Mb(rssAfter)} " +
                   $"managed_before_mb={Mb(managedBefore)} managed_peak_mb={Mb(managedPeak)}";
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The import's header, then rows with an unknown channel and status until the file is <paramref name="bytes"/> long.</summary>
    private static byte[] BadRows(int bytes)
    {
        var sb = new StringBuilder(string.Join(",", HistoryImport.Columns)).Append('\n');
        for (var i = 0; sb.Length < bytes; i++)
            sb.Append("H50.9-").Append(i).Append(",SNV,SNV-01,fax,2026-11-02T08:00:00+07:00,,,,counter,đã trả\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long Rss() { using var p = Process.GetCurrentProcess(); return p.WorkingSet64; }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("n1", System.Globalization.CultureInfo.InvariantCulture);
}
