using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HrOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Html",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoordinatorMessage",
                table: "Invitations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActionKey",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ActionName",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ProgramId",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoordinatorAlerts",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Digest");

            migrationBuilder.AddColumn<DateTime>(
                name: "DigestFromUtc",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CoordinatorAlerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoordinatorAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoordinatorAlerts_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EmailTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmailTemplates_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PairRiskReports",
                columns: table => new
                {
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    Flags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reported = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairRiskReports", x => x.PairId);
                    table.ForeignKey(
                        name: "FK_PairRiskReports_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgramCoordinators",
                columns: table => new
                {
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramCoordinators", x => new { x.ProgramId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ProgramCoordinators_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgramCoordinators_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionMoves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FromUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ToUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionMoves_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActionKey",
                table: "AuditEntries",
                column: "ActionKey");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ProgramId_AtUtc",
                table: "AuditEntries",
                columns: new[] { "ProgramId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoordinatorAlerts_Key",
                table: "CoordinatorAlerts",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoordinatorAlerts_ProgramId_OccurredAtUtc",
                table: "CoordinatorAlerts",
                columns: new[] { "ProgramId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_EmailTemplates_ProgramId_Kind",
                table: "EmailTemplates",
                columns: new[] { "ProgramId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgramCoordinators_UserId",
                table: "ProgramCoordinators",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionMoves_ByUserId",
                table: "SessionMoves",
                column: "ByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionMoves_SessionId",
                table: "SessionMoves",
                column: "SessionId");

            // Existing programs are coordinated by whoever created them.
            migrationBuilder.Sql("INSERT INTO \"ProgramCoordinators\" (\"ProgramId\", \"UserId\", \"AddedAtUtc\") SELECT \"Id\", \"CreatedByUserId\", \"CreatedAtUtc\" FROM \"Programs\" WHERE \"CreatedByUserId\" IS NOT NULL AND \"CreatedByUserId\" IN (SELECT \"Id\" FROM \"AspNetUsers\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoordinatorAlerts");

            migrationBuilder.DropTable(
                name: "EmailTemplates");

            migrationBuilder.DropTable(
                name: "PairRiskReports");

            migrationBuilder.DropTable(
                name: "ProgramCoordinators");

            migrationBuilder.DropTable(
                name: "SessionMoves");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActionKey",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ProgramId_AtUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Html",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "CoordinatorMessage",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "ActionKey",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ActionName",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ProgramId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "CoordinatorAlerts",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DigestFromUtc",
                table: "AspNetUsers");
        }
    }
}
