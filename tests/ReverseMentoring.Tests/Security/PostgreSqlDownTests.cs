using System.Net;
using System.Net.Sockets;
using Npgsql;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Security;

public sealed class PostgreSqlDownTests
{
    private const string Friendly = "We can't reach the database right now. Your last change may not have been saved; please try again in a minute.";

    [Fact]
    public async Task A_postgresql_server_that_does_not_answer_is_an_outage()
    {
        // A port nobody listens on: taken, then freed.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=nobody;Database=none;Timeout=5");
        var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.True(DatabaseUnavailable.IsOutage(failure), failure.ToString());
    }

    [PostgreSqlFact]
    public async Task A_wrong_query_on_postgresql_is_not_an_outage()
    {
        await using var app = new AppFactory();
        await using var connection = new NpgsqlConnection(app.PostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT * FROM no_such_table", connection);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());

        Assert.False(DatabaseUnavailable.IsOutage(failure));
    }

    [PostgreSqlFact]
    public async Task With_the_postgresql_database_gone_pages_say_so_with_503_health_is_unhealthy_and_all_recovers_when_it_is_back()
    {
        using var app = new AppFactory();
        var database = new NpgsqlConnectionStringBuilder(app.PostgreSqlConnectionString).Database!;

        // No pool, so that no idle connection outlives the database being taken away.
        app.With("Database:ConnectionString", new NpgsqlConnectionStringBuilder(app.PostgreSqlConnectionString) { Pooling = false }.ToString());
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Programs", UriKind.Relative))).StatusCode);

        PostgreSqlTestServer.Execute($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
        PostgreSqlTestServer.Execute($"ALTER DATABASE \"{database}\" RENAME TO \"{database}_away\"");
        try
        {
            var page = await client.GetAsync(new Uri("/Programs", UriKind.Relative));
            var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains(Friendly, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        }
        finally
        {
            PostgreSqlTestServer.Execute($"ALTER DATABASE \"{database}_away\" RENAME TO \"{database}\"");
        }

        // Back without a restart.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Programs", UriKind.Relative))).StatusCode);
        Assert.Equal("Healthy", await (await client.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync());
    }
}
