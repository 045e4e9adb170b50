using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
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
        await using var app = DemoAppHost.Start("flood");
        var key = (await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync("flood", ApiScopes.Write, null, "benchmark")).Secret;

        var csv = BadRows(megabytes * 1024 * 1024);
        log.WriteLine($"App on {app.Address}; {csv.Length / 1024.0 / 1024:n1} MB of bad rows");
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);

        var before = ServerMemory.OfThisProcess();
        long rssPeak = before.ResidentBytes, managedPeak = before.ManagedBytes;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (var process = Process.GetCurrentProcess()) rssPeak = Math.Max(rssPeak, process.WorkingSet64);
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
        var after = ServerMemory.OfThisProcess();
        return $"import-flood mb={megabytes} status={(int)response.StatusCode} answer_kb={answer.Length / 1024.0:n1} seconds={watch.Elapsed.TotalSeconds:n1} " +
               $"rss_before_mb={Mb(before.ResidentBytes)} rss_peak_mb={Mb(rssPeak)} rss_after_mb={Mb(after.ResidentBytes)} " +
               $"managed_before_mb={Mb(before.ManagedBytes)} managed_peak_mb={Mb(managedPeak)}";
    }

    /// <summary>The import's header, then rows with an unknown channel and status until the file is <paramref name="bytes"/> long.</summary>
    private static byte[] BadRows(int bytes)
    {
        var sb = new StringBuilder(string.Join(",", HistoryImport.Columns)).Append('\n');
        for (var i = 0; sb.Length < bytes; i++)
            sb.Append("H50.9-").Append(i).Append(",SNV,SNV-01,fax,2026-11-02T08:00:00+07:00,,,,counter,đã trả\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("n1", System.Globalization.CultureInfo.InvariantCulture);
}
