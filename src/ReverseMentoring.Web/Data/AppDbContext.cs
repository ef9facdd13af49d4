using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// The application's database. Each provider has a subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="SqlServerAppDbContext"/>) only so that each keeps its own migrations; handlers use this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<MentoringProgram> Programs => Set<MentoringProgram>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
            user.Property(u => u.TimeZoneId).HasMaxLength(64);
        });

        builder.Entity<MentoringProgram>(program =>
        {
            program.ToTable("Programs");
            program.Property(p => p.Name).HasMaxLength(MentoringProgram.NameMaxLength);
            program.Property(p => p.Objectives).HasMaxLength(MentoringProgram.ObjectivesMaxLength);
            program.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            program.Property(p => p.CreatedByUserId).HasMaxLength(450);
            program.Property(p => p.Version).IsConcurrencyToken();
            program.HasIndex(p => p.Status);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.Property(i => i.Email).HasMaxLength(Invitation.EmailMaxLength);
            invitation.Property(i => i.Role).HasMaxLength(32);
            invitation.Property(i => i.Token).HasMaxLength(64);
            invitation.Property(i => i.InvitedByUserId).HasMaxLength(450);
            invitation.HasIndex(i => i.Token).IsUnique();
            invitation.HasIndex(i => i.Email);
            invitation.HasOne(i => i.Program).WithMany().HasForeignKey(i => i.ProgramId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyTokens();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewConcurrencyTokens();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every save of a modified program gets a new Version, so a second editor holding the old one fails to save.
    private void RenewConcurrencyTokens()
    {
        foreach (var entry in ChangeTracker.Entries<MentoringProgram>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);
