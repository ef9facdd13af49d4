using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Privacy;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class FindPeopleModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FindPeople.Query Data { get; set; } = new();

    public FindPeople.Result? Result { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        Data.Page = page ?? 1;
        Result = await mediator.Send(Data, cancellationToken);
    }
}

/// <summary>HR finds a person by name or e-mail address, to see their roles or erase their personal data.</summary>
public static class FindPeople
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Query : IQuery<Result>
    {
        /// <summary>Part of the person's name or e-mail address; empty lists everyone.</summary>
        public string? Search { get; set; }

        public int Page { get; set; } = 1;
    }

    public sealed record Row(string Id, string DisplayName, string? Email, IReadOnlyList<string> Roles, DateTime CreatedAtUtc, bool Erased);

    public sealed record Result(IReadOnlyList<Row> People, int Page, int PageCount, int Total);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Search).MaximumLength(256).WithMessage("Search for at most 256 characters of a name or e-mail address.");
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var people = db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var text = query.Search.Trim();
                var pattern = LikePattern.Containing(text);
                people = people.Where(u => EF.Functions.Like(u.DisplayName.ToLower(), pattern, LikePattern.Escape)
                    || EF.Functions.Like(u.Email!.ToLower(), pattern, LikePattern.Escape));
            }

            var total = await people.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var found = await people
                .OrderBy(u => u.ErasedAtUtc != null).ThenBy(u => u.DisplayName).ThenBy(u => u.Id)
                .Page(page, PageSize)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.CreatedAtUtc, u.ErasedAtUtc })
                .ToListAsync(cancellationToken);
            var ids = found.Select(u => u.Id).ToList();
            var roles = (await db.UserRoles.Where(r => ids.Contains(r.UserId))
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                    .ToListAsync(cancellationToken))
                .ToLookup(r => r.UserId, r => r.Name!);
            var rows = found.Select(u => new Row(u.Id, u.DisplayName, u.Email, roles[u.Id].Order(StringComparer.Ordinal).ToList(), u.CreatedAtUtc, u.ErasedAtUtc is not null)).ToList();
            return new Result(rows, page, pageCount, total);
        }
    }
}
