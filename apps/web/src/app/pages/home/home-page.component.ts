import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';

interface Step {
  title: string;
  text: string;
}

@Component({
  selector: 'btsx-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule],
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.scss',
})
export class HomePageComponent {
  protected readonly steps: readonly Step[] = [
    { title: 'Connect your old mailbox', text: 'Sign in to the account you are leaving.' },
    { title: 'Connect your new mailbox', text: 'Sign in to the account you are moving to.' },
    { title: 'Follow the copy', text: 'Watch every folder arrive, live, until the job ends.' },
  ];
}
