using Auth.Core.Abstractions;
using Auth.Core.Common;
using Auth.Core.Services;
using Auth.Core.Users;
using Moq;

namespace Auth.Tests.Unit;

/// <summary>The first-admin rule: only while no admin exists, and never for someone else's account.</summary>
public sealed class FirstAdminTests
{
    private Mock<IUserRepository> _users = null!;
    private Mock<IUserAdministration> _administration = null!;
    private Mock<IPasswordHasher> _hasher = null!;

    [SetUp]
    public void CreateMocks()
    {
        _users = new Mock<IUserRepository>();
        _administration = new Mock<IUserAdministration>();
        _hasher = new Mock<IPasswordHasher>();
        _administration.Setup(a => a.ChangeRoleAsync(null, It.IsAny<long>(), Role.Admin, default))
            .ReturnsAsync((long? _, long id, Role role, CancellationToken _) => Result<User>.Ok(new User { Id = id, Role = role }));
    }

    private FirstAdmin FirstAdmin => new(_users.Object, _administration.Object, _hasher.Object);

    private static User Boss => new() { Id = 3, Username = "boss", PasswordHash = "$2b$10$stored", Role = Role.User };

    [Test]
    public async Task WhenAnAdminExists_ChangesNothing()
    {
        _users.Setup(u => u.CountWithRoleAsync(Role.Admin, default)).ReturnsAsync(1);

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Value, Is.EqualTo(FirstAdminOutcome.AdminAlreadyExists));
        _administration.Verify(a => a.CreateAsync(It.IsAny<long?>(), It.IsAny<string>(), It.IsAny<Role>(), It.IsAny<string?>(), default), Times.Never);
        _administration.Verify(a => a.ChangeRoleAsync(It.IsAny<long?>(), It.IsAny<long>(), It.IsAny<Role>(), default), Times.Never);
    }

    [Test]
    public async Task WithNoAdminAndNoAccount_CreatesTheAccountAndMakesItAdmin_WithNoActor()
    {
        _administration.Setup(a => a.CreateAsync(null, "boss", Role.Admin, "a long password", default)).ReturnsAsync(Result<CreatedAccount>.Created(new CreatedAccount(Boss, null)));

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Value, Is.EqualTo(FirstAdminOutcome.Created));
        _administration.Verify(a => a.ChangeRoleAsync(null, 3, Role.Admin, default), Times.Once);
    }

    [Test]
    public async Task WithNoAdmin_AnExistingAccountWithTheSamePassword_IsPromoted()
    {
        _administration.Setup(a => a.FindByUsernameAsync("boss", default)).ReturnsAsync(Boss);
        _hasher.Setup(h => h.VerifyAsync("$2b$10$stored", "a long password", default)).ReturnsAsync(PasswordVerification.Succeeded);

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Value, Is.EqualTo(FirstAdminOutcome.Promoted));
        _administration.Verify(a => a.ChangeRoleAsync(null, 3, Role.Admin, default), Times.Once);
    }

    [Test]
    public async Task WithNoAdmin_AnExistingAccountWithAnotherPassword_IsRefused_AndNotPromoted()
    {
        _administration.Setup(a => a.FindByUsernameAsync("boss", default)).ReturnsAsync(Boss);
        _hasher.Setup(h => h.VerifyAsync("$2b$10$stored", "a long password", default)).ReturnsAsync(PasswordVerification.Failed);

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Conflict));
        Assert.That(result.Message, Is.EqualTo(Auth.Core.Services.FirstAdmin.PasswordMismatchMessage));
        _administration.Verify(a => a.ChangeRoleAsync(It.IsAny<long?>(), It.IsAny<long>(), It.IsAny<Role>(), default), Times.Never);
    }

    [Test]
    public async Task WhenAnotherInstanceCreatedTheAccountFirst_ItIsPromotedOnlyIfThePasswordMatches()
    {
        _administration.SetupSequence(a => a.FindByUsernameAsync("boss", default)).ReturnsAsync((User?)null).ReturnsAsync(Boss);
        _administration.Setup(a => a.CreateAsync(null, "boss", Role.Admin, "a long password", default))
            .ReturnsAsync(Result<CreatedAccount>.Fail(Outcome.Conflict, AccountService.UsernameTakenMessage));
        _hasher.Setup(h => h.VerifyAsync("$2b$10$stored", "a long password", default)).ReturnsAsync(PasswordVerification.Succeeded);

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Value, Is.EqualTo(FirstAdminOutcome.Promoted));
        _hasher.Verify(h => h.VerifyAsync("$2b$10$stored", "a long password", It.IsAny<CancellationToken>()), Times.Once);
    }

    // When the first admin cannot be made, the operator is told so and why.

    private void SignUpSucceeds() =>
        _administration.Setup(a => a.CreateAsync(null, "boss", Role.Admin, "a long password", It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result<CreatedAccount>.Created(new CreatedAccount(Boss, null)));

    [Test]
    public async Task WhenTheAccountCanNeitherBeCreatedNorFound_ItFails_AndPromotesNoOne()
    {
        _administration.Setup(a => a.CreateAsync(null, "boss", Role.Admin, "a long password", It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result<CreatedAccount>.Fail(Outcome.Conflict, AccountService.UsernameTakenMessage));

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.NotFound));
        Assert.That(result.Message, Does.Contain("could not be created"));
        _administration.Verify(a => a.ChangeRoleAsync(It.IsAny<long?>(), It.IsAny<long>(), It.IsAny<Role>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task WhenThePromotionIsRefused_ItFailsWithTheAdministrationsOutcomeAndReason()
    {
        SignUpSucceeds();
        _administration.Setup(a => a.ChangeRoleAsync(null, 3, Role.Admin, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result<User>.Fail(Outcome.NotFound, UserAdministration.NotFoundMessage));

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.NotFound));
        Assert.That(result.Message, Is.EqualTo(UserAdministration.NotFoundMessage));
    }

    [Test]
    public async Task WhenThePromotionIsRefusedWithoutAReason_ItStillSaysWhatFailed()
    {
        SignUpSucceeds();
        _administration.Setup(a => a.ChangeRoleAsync(null, 3, Role.Admin, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Result<User>(Outcome.Conflict));

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Conflict));
        Assert.That(result.Message, Does.Contain("could not be made admin"));
    }
}
