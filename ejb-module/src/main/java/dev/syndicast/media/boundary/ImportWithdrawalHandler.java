package dev.syndicast.media.boundary;

import dev.syndicast.scheduling.control.TaskContext;
import dev.syndicast.scheduling.control.TaskFailedException;
import dev.syndicast.scheduling.control.TaskHandler;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs withdrawals of unfinished imports (task kind {@value ImportWithdrawals#TASK_KIND}); the payload is the item id. */
@ApplicationScoped
public class ImportWithdrawalHandler implements TaskHandler {

    @EJB
    ImportWithdrawals withdrawals;

    @Override
    public String kind() {
        return ImportWithdrawals.TASK_KIND;
    }

    @Override
    public String handle(TaskContext task) throws TaskFailedException {
        return withdrawals.finish(MediaImportHandler.itemId(task));
    }
}
