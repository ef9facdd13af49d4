using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Sessions;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class CalendarSubscriptionModel(IMediator mediator, PublicLinks links) : PageModel
{
    public CalendarSubscription.Result Data { get; private set; } = new(null, null);

    /// <summary>The new address, shown on the page that made it and never again.</summary>
    public string? NewAddress { get; private set; }

    public bool Stopped { get; private set; }

    public async Task OnGetAsync(bool stopped = false, CancellationToken cancellationToken = default)
    {
        Data = await mediator.Send(new CalendarSubscription.Query(), cancellationToken);
        Stopped = stopped;
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var token = await mediator.Send(new CalendarSubscription.Start(), cancellationToken);
        NewAddress = links.To(CalendarSubscription.FeedPath(token));
        Data = await mediator.Send(new CalendarSubscription.Query(), cancellationToken);

        // The address is a password to the person's calendar: not kept by the browser or any proxy.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostStopAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new CalendarSubscription.Stop(), cancellationToken);
        return LocalRedirect("/Participant/Calendar?stopped=true");
    }
}

/// <summary>
/// The person's own calendar subscription: start it (or replace its address, which stops the old one) and stop it. Each
/// change is audited; the address itself is never stored, only its hash.
/// </summary>
public static class CalendarSubscription
{
    public static string FeedPath(string token) => $"/Calendar/Feed/{token}";

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(DateTime? StartedAtUtc, DateTime? LastReadAtUtc);

    /// <summary>Starts the subscription, or replaces its address; returns the token of the new address.</summary>
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Start : ICommand<string>;

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Stop : ICommand;

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == userId)
                .Select(f => new { f.CreatedAtUtc, f.LastReadAtUtc }).SingleOrDefaultAsync(cancellationToken);
            return new Result(feed?.CreatedAtUtc, feed?.LastReadAtUtc);
        }
    }

    public sealed class StartHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Start, string>
    {
        public async ValueTask<string> Handle(Start command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, cancellationToken);
            string token;
            if (feed is null)
            {
                (feed, token) = CalendarFeed.Start(userId, now);
                db.CalendarFeeds.Add(feed);
            }
            else
            {
                token = feed.Renew(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return token;
        }
    }

    public sealed class StopHandler(AppDbContext db, CurrentUser current) : ICommandHandler<Stop>
    {
        public async ValueTask<Unit> Handle(Stop command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            if (await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, cancellationToken) is { } feed)
            {
                db.CalendarFeeds.Remove(feed);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }
}
