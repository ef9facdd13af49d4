using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>
/// Turns the latest run's proposal into pairs the participants see and answer, and tells both sides of each pair.
/// A run is published only as HR saw it: any change since (a newer run, someone withdrawn or paired) refuses it.
/// </summary>
public static class PublishPairing
{
    public const string StaleMessage = "Things changed since this run. Run pairing again.";
    public const string ConflictMessage = "Another coordinator published pairs for this program a moment ago. Run pairing again to see who is still unpaired.";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        public int RunId { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken) ?? throw new NotFoundException();
            var run = await db.PairingRuns.SingleOrDefaultAsync(r => r.Id == command.RunId && r.ProgramId == program.Id, cancellationToken)
                ?? throw new NotFoundException();
            if (!RunPairing.CanRun(program))
            {
                throw RequestValidationException.For(command, "", RunPairing.WrongStatusMessage);
            }

            // The program changed since the coordinator loaded the board: by a publish, or by an edit that may change the pairs.
            if (program.Version != command.Version)
            {
                var publishedSince = await db.PairingRuns.AnyAsync(r => r.ProgramId == program.Id && r.PublishedAtUtc >= run.CreatedAtUtc, cancellationToken);
                throw RequestValidationException.For(command, "", publishedSince ? ConflictMessage : StaleMessage);
            }

            if (run.PublishedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", "These pairs are published already. Run pairing again to pair the people still unpaired.");
            }

            var stored = StoredRun.FromJson(run.Result);
            if (stored.Pairs.Count == 0)
            {
                throw RequestValidationException.For(command, "", "This run has no pairs to publish.");
            }

            if (await HasChangedAsync(run, stored, program.MentorCapacity, cancellationToken))
            {
                throw RequestValidationException.For(command, "", StaleMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var pairs = stored.Pairs.Select(p => new Pair
            {
                ProgramId = program.Id,
                RunId = run.Id,
                MentorEnrolmentId = p.MentorId,
                MenteeEnrolmentId = p.MenteeId,
                Score = p.Score,
                ScorePercent = p.Percent,
                Reasons = Cut(string.Join("; ", p.Reasons), Pair.ReasonsMaxLength),
                Pinned = p.Pinned,
                Status = PairStatus.Proposed,
                MentorResponse = PairResponse.Pending,
                MenteeResponse = PairResponse.Pending,
                ProposedAtUtc = now,
            }).ToList();
            db.Pairs.AddRange(pairs);
            run.PublishedAtUtc = now;
            run.PublishedByUserId = current.RequireId();

            // Saving the program with the version the coordinator saw makes a second publish from the same page fail.
            db.Entry(program).Property(p => p.Version).OriginalValue = command.Version;
            program.UpdatedAtUtc = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ConflictMessage);
            }

            // The e-mails name the new pairs, so they are queued once the pairs have ids; sent only after the commit.
            await outbox.QueueAsync(await MessagesAsync(program, pairs, cancellationToken), cancellationToken);
            if (Chat.ChatAnnouncements.PairsPublished(program, run.Id, pairs.Count, links.To("/Participant")) is { } announcement)
            {
                await outbox.QueueAsync(announcement, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            return pairs.Count;
        }

        private async Task<bool> HasChangedAsync(PairingRun run, StoredRun stored, int capacity, CancellationToken cancellationToken)
        {
            var latest = await db.PairingRuns.Where(r => r.ProgramId == run.ProgramId).MaxAsync(r => r.Id, cancellationToken);
            if (latest != run.Id)
            {
                return true;
            }

            var ids = stored.Pairs.Select(p => p.MentorId).Concat(stored.Pairs.Select(p => p.MenteeId)).Distinct().ToList();
            var stillApproved = await db.Enrolments
                .CountAsync(e => ids.Contains(e.Id) && e.ProgramId == run.ProgramId && e.Status == EnrolmentStatus.Approved, cancellationToken);
            if (stillApproved != ids.Count)
            {
                return true;
            }

            var live = await db.Pairs.AsNoTracking().Live()
                .Where(p => p.ProgramId == run.ProgramId && (ids.Contains(p.MenteeEnrolmentId) || ids.Contains(p.MentorEnrolmentId)))
                .Select(p => new { p.MentorEnrolmentId, p.MenteeEnrolmentId })
                .ToListAsync(cancellationToken);
            var menteeIds = stored.Pairs.Select(p => p.MenteeId).ToHashSet();
            if (live.Any(p => menteeIds.Contains(p.MenteeEnrolmentId)))
            {
                return true;
            }

            var liveByMentor = live.GroupBy(p => p.MentorEnrolmentId).ToDictionary(g => g.Key, g => g.Count());
            return stored.Pairs.GroupBy(p => p.MentorId).Any(g => g.Count() + liveByMentor.GetValueOrDefault(g.Key) > Math.Max(1, capacity));
        }

        private async Task<List<Outgoing>> MessagesAsync(MentoringProgram program, List<Pair> pairs, CancellationToken cancellationToken)
        {
            var ids = pairs.Select(p => p.MentorEnrolmentId).Concat(pairs.Select(p => p.MenteeEnrolmentId)).Distinct().ToList();
            var people = await db.Enrolments.AsNoTracking()
                .Where(e => ids.Contains(e.Id))
                .Select(e => new { e.Id, Name = e.User!.DisplayName, Email = e.User.Email, e.Department })
                .ToDictionaryAsync(e => e.Id, cancellationToken);
            var link = links.To($"/Participant/Programs/{program.Id}");
            var wording = await ProgramEmails.WordingAsync(db, program.Id, EmailKind.PairProposed, cancellationToken);
            var messages = new List<Outgoing>();
            foreach (var pair in pairs)
            {
                var mentor = people[pair.MentorEnrolmentId];
                var mentee = people[pair.MenteeEnrolmentId];
                if (!string.IsNullOrEmpty(mentor.Email))
                {
                    messages.Add(ProgramEmails.Message($"pair-proposed:{pair.Id}:mentor", mentor.Email, wording,
                        Values(mentor.Name, "mentee", mentee.Name, mentee.Department, program, link)));
                }

                if (!string.IsNullOrEmpty(mentee.Email))
                {
                    messages.Add(ProgramEmails.Message($"pair-proposed:{pair.Id}:mentee", mentee.Email, wording,
                        Values(mentee.Name, "mentor", mentor.Name, mentor.Department, program, link)));
                }
            }

            return messages;
        }

        private static Dictionary<string, object?> Values(string name, string partnerRole, string partner, string department, MentoringProgram program, string link) =>
            new(StringComparer.Ordinal)
            {
                ["program.name"] = program.Name,
                ["person.name"] = name,
                ["partner.name"] = partner,
                ["partner.role"] = partnerRole,
                ["partner.department"] = department ?? "",
                ["response_days"] = program.PairResponseDays,
                ["link"] = link,
            };
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
