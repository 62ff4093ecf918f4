import Foundation

/// Runs blocking work (waiting on Chromium, pdftoppm, zbarimg) on a thread of
/// its own, so it never holds one of the few threads of Swift's cooperative pool.
func onOwnThread<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
    let result: Result<T, E> = await withCheckedContinuation { continuation in
        Thread {
            do throws(E) {
                continuation.resume(returning: .success(try work()))
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }.start()
    }
    return try result.get()
}
