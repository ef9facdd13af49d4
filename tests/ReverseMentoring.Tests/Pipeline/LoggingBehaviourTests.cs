using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Pipeline;

public sealed class LoggingBehaviourTests
{
    public sealed record Ping : IQuery<string>;

    private sealed class CapturingLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, IReadOnlyList<KeyValuePair<string, object?>> State, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], formatter(state, exception)));
    }

    private static CurrentUser SignedInAs(string name)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.NameIdentifier, "u1")], "Test"));
        return new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });
    }

    [Fact]
    public async Task Each_request_is_logged_with_its_name_time_taken_and_user()
    {
        var logger = new CapturingLogger<LoggingBehaviour<Ping, string>>();
        var behaviour = new LoggingBehaviour<Ping, string>(logger, SignedInAs("hr@example.com"));

        var response = await behaviour.Handle(new Ping(), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        Assert.Equal("pong", response);
        var entry = Assert.Single(logger.Entries);
        var fields = entry.State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("LoggingBehaviourTests.Ping", fields["Request"]);
        Assert.Equal("handled", fields["Outcome"]);
        Assert.Equal("hr@example.com", fields["User"]);
        Assert.IsType<double>(fields["ElapsedMs"]);
        Assert.True((double)fields["ElapsedMs"]! >= 0);
    }

    [Fact]
    public async Task A_refused_request_is_logged_as_refused_and_still_thrown()
    {
        var logger = new CapturingLogger<LoggingBehaviour<Ping, string>>();
        var behaviour = new LoggingBehaviour<Ping, string>(logger, new CurrentUser(new HttpContextAccessor()));

        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            behaviour.Handle(new Ping(), (_, _) => throw new RequestAuthorizationException(signedIn: false), CancellationToken.None).AsTask());

        var fields = Assert.Single(logger.Entries).State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("refused", fields["Outcome"]);
        Assert.Equal("anonymous", fields["User"]);
    }
}
