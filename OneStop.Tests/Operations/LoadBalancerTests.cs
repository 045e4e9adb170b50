using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Operations;

/// <summary>
/// Two web nodes on the PostgreSQL copy of a SQLite center, started as the README starts them, behind Debian's nginx
/// with OneStop.Web/Deploy/nginx-onestop.conf: each browser stays on the node it was given (its circuit goes live and its
/// page, negotiate and WebSocket all reach that node), both nodes serve, and through either the overview and a closed
/// dossier's whole history show the copied center.
/// </summary>
[Collection(SqliteCenterCollection.Name)]
[Trait(TestDatabase.ProvidersTrait, SqliteCenterCollection.NeedsServer)]
public sealed class LoadBalancerTests(SqliteCenterFixture center, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Two_nodes_behind_nginx_keep_each_browser_on_its_node_and_show_the_copied_center()
    {
        Assert.True(center.CopyRun.ExitCode == 0, center.CopyRun.ToString());
        var database = center.CloneOfCopy("nodes");
        try { await BehindNginxAsync(database); }
        finally { TestDatabase.DropPostgreSqlDatabase(database); }
    }

    private async Task BehindNginxAsync(string database)
    {
        // One after the other: the first start installs Hangfire's schema on the database.
        await using var node1 = await OneStopProcess.Node.StartAsync(database);
        await using var node2 = await OneStopProcess.Node.StartAsync(database);
        await using var nginx = await Nginx.StartAsync(node1.Port, node2.Port);
        using var http = new HttpClient { BaseAddress = nginx.BaseAddress };

        // A browser without the cookie is given one; find a cookie value that lands on each node.
        var first = await http.GetAsync("/health");
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("onestop_node=", StringComparison.Ordinal));
        var cookieFor = new Dictionary<string, string>();
        for (var i = 0; i < 64 && cookieFor.Count < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Add("Cookie", $"onestop_node=probe{i}");
            var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"/health through nginx: {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("Set-Cookie"), "a browser that has the cookie keeps it");
            cookieFor.TryAdd(response.Headers.GetValues("X-OneStop-Node").Single(), $"probe{i}");
        }
        Assert.Equal(new[] { $"127.0.0.1:{node1.Port}", $"127.0.0.1:{node2.Port}" }.Order(), cookieFor.Keys.Order());

        var departments = center.SourceCount("Departments");
        var (code, events) = ClosedDossierWithTheLongestHistory();
        foreach (var (node, cookie) in cookieFor)
        {
            var context = await browser.Browser.NewContextAsync(new() { BaseURL = nginx.BaseAddress.ToString(), Locale = "vi-VN" });
            try
            {
                context.SetDefaultTimeout(20_000);
                await context.AddCookiesAsync([new() { Name = "onestop_node", Value = cookie, Domain = "127.0.0.1", Path = "/" }]);
                var answeredBy = new List<string>();
                context.Response += (_, r) => { if (r.Headers.TryGetValue("x-onestop-node", out var n)) lock (answeredBy) answeredBy.Add($"{r.Request.Method} {new Uri(r.Url).AbsolutePath} {n}"); };
                var page = await context.NewPageAsync();
                await page.GotoAsync("/signin?returnUrl=%2F");
                await page.Locator("#username").FillAsync("director");
                await page.Locator("#password").FillAsync("demo");
                await page.Locator("#password").PressAsync("Enter");
                await page.WaitForURLAsync(new Regex("/$"));
                // The circuit is live: its negotiate and its WebSocket reached the node that rendered the page.
                await BrowserFixture.WaitLiveAsync(page);
                await Assertions.Expect(page.Locator("[data-testid^='department-row-']")).ToHaveCountAsync((int)departments);

                await page.GotoAsync($"/dossiers/{code}");
                await BrowserFixture.WaitLiveAsync(page);
                await Assertions.Expect(page.GetByTestId("dossier-code")).ToHaveTextAsync(code);
                await Assertions.Expect(page.GetByTestId("timeline-row")).ToHaveCountAsync((int)events);

                lock (answeredBy)
                {
                    Assert.Contains(answeredBy, a => a.StartsWith("POST /_blazor/negotiate", StringComparison.Ordinal));
                    Assert.All(answeredBy, a => Assert.EndsWith(" " + node, a));
                }
            }
            finally { await context.DisposeAsync(); }
        }
    }

    private (string Code, long Events) ClosedDossierWithTheLongestHistory()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(center.Source);
        connection.Open();
        using var command = connection.CreateCommand();
        // Closed: no job of the nodes (which run on today's clock) adds to its history.
        command.CommandText = """
            SELECT d."Code", COUNT(*) FROM "Dossiers" d JOIN "DossierEvents" e ON e."DossierId" = d."Id"
            WHERE d."Status" NOT IN ('Received','InProgress','WaitingSupplement','ResultReady')
            GROUP BY d."Id", d."Code" ORDER BY COUNT(*) DESC, d."Id" LIMIT 1
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>Debian's nginx in the foreground with the Deploy config, its two node addresses and a free port filled in.</summary>
    private sealed class Nginx : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly TempFolder _folder;
        public Uri BaseAddress { get; }

        private Nginx(Process process, TempFolder folder, int port)
        {
            _process = process;
            _folder = folder;
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        }

        public static string Executable => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
            : throw new InvalidOperationException("/usr/sbin/nginx is missing: install Debian's nginx (run-tests.sh does).");

        public static async Task<Nginx> StartAsync(int node1, int node2)
        {
            var folder = new TempFolder();
            var port = OneStopProcess.FreePort();
            var site = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "OneStop.Web", "Deploy", "nginx-onestop.conf")))
                .Replace("__NODE1__", $"127.0.0.1:{node1}").Replace("__NODE2__", $"127.0.0.1:{node2}").Replace("__LISTEN__", $"127.0.0.1:{port}");
            await File.WriteAllTextAsync(folder.File("onestop.conf"), site);
            var d = folder.Path;
            // As root (CI) the workers would switch to "nobody", who cannot write this private temp folder.
            var user = Environment.UserName == "root" ? "user root;" : "";
            await File.WriteAllTextAsync(folder.File("nginx.conf"), $$"""
                {{user}}
                daemon off;
                worker_processes 1;
                pid {{d}}/nginx.pid;
                error_log {{d}}/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log {{d}}/access.log;
                    client_body_temp_path {{d}}/body;
                    proxy_temp_path {{d}}/proxy;
                    fastcgi_temp_path {{d}}/fastcgi;
                    uwsgi_temp_path {{d}}/uwsgi;
                    scgi_temp_path {{d}}/scgi;
                    include {{d}}/onestop.conf;
                }
                """);
            var info = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-p", d + "/", "-c", folder.File("nginx.conf"), "-e", folder.File("error.log") }) info.ArgumentList.Add(a);
            var process = Process.Start(info)!;
            var nginx = new Nginx(process, folder, port);
            using var tcp = new System.Net.Sockets.TcpClient();
            for (var i = 0; ; i++)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"nginx stopped (exit {process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
                try { await tcp.ConnectAsync("127.0.0.1", port); return nginx; }
                catch (System.Net.Sockets.SocketException) when (i < 100) { await Task.Delay(100); }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
            _folder.Dispose();
        }
    }

    /// <summary>The checkout (where OneStop.sln is), above the test output folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OneStop.sln"))) return dir.FullName;
            throw new InvalidOperationException($"No OneStop.sln above {AppContext.BaseDirectory}.");
        }
    }
}
